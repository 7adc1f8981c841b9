package dev.doorman.calllogger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many threads logging many calls at once, as fast as they can: thread t owns every
 * {@code threads}-th call and logs {@code STEP{i}} for i = 0..events-1 to each of its calls in
 * turn, then ends them with reason {@code done}.
 */
final class InterleavedProducers {
    private InterleavedProducers() {
    }

    static void run(CallLoggerManager manager, List<String> ids, int events, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<CallLogger> mine = new ArrayList<>();
                    for (int c = thread; c < ids.size(); c += threads) {
                        mine.add(manager.getLogger(ids.get(c)));
                    }
                    for (int e = 0; e < events; e++) {
                        for (CallLogger logger : mine) {
                            logger.logEvent("STEP", Map.of("i", e));
                        }
                    }
                    mine.forEach(logger -> logger.logCallEnded("done"));
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
