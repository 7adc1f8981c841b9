-- The analyzer's latency figures over a fleet's call files, in portable SQL: it runs unchanged on
-- DuckDB, ClickHouse and Spark SQL over a table or view `call_events` with one row per event
-- (call_id, seq, elapsed_ms, event, source, target, turn, duration_ms, ring_ms, decided_by; see
-- sql/duckdb/call_events.sql and docs/analyzer.md for each engine's loading step).
--
-- Only SQL-92 (CASE, COALESCE, CEIL, joins on equality, GROUP BY, UNION ALL), common table
-- expressions and the SQL:2003 window functions ROW_NUMBER() and COUNT(*) OVER: no engine's own
-- percentile function (quantile_cont, quantile, percentile_approx differ in name and definition).
-- Percentiles are nearest-rank, as the analyzer's: the smallest value with at least p% of the
-- values at or below it, i.e. the value of rank CEIL(p * n).
--
-- One row per metric: metric, value_count, min_ms, mean_ms, p50_ms, p90_ms, p95_ms, p99_ms, max_ms.
WITH stage_samples AS (
    SELECT CASE event
               WHEN 'TRANSCRIPTION_COMPLETE' THEN 'transcription'
               WHEN 'INTENT_EXTRACTION_COMPLETE' THEN 'intent_extraction'
               WHEN 'FUZZY_VALIDATION_COMPLETE' THEN 'fuzzy_validation'
               WHEN 'AI_PROCESSING_COMPLETE' THEN 'ai_processing'
               ELSE 'synthesis'
           END AS metric,
           duration_ms AS ms
    FROM call_events
    WHERE event IN ('TRANSCRIPTION_COMPLETE', 'INTENT_EXTRACTION_COMPLETE', 'FUZZY_VALIDATION_COMPLETE',
                    'AI_PROCESSING_COMPLETE', 'SYNTHESIS_COMPLETE')
      AND duration_ms >= 0
),
speech_ended AS (
    -- the end of each party's utterance (a party without 'resident' is the visitor)
    SELECT call_id,
           CASE WHEN source = 'resident' THEN 'resident' ELSE 'visitor' END AS party,
           turn,
           MAX(elapsed_ms) AS ended_ms
    FROM call_events
    WHERE event = 'SPEECH_ENDED' AND turn IS NOT NULL
    GROUP BY call_id, CASE WHEN source = 'resident' THEN 'resident' ELSE 'visitor' END, turn
),
playback AS (
    SELECT call_id,
           CASE WHEN target = 'resident' THEN 'resident' ELSE 'visitor' END AS party,
           turn,
           elapsed_ms
    FROM call_events
    WHERE event = 'PLAYBACK_START' AND turn IS NOT NULL
),
turns AS (
    -- turn latency: the first playback to the same party and turn at or after the end of speech
    SELECT s.call_id, s.party, s.turn, MIN(p.elapsed_ms) - s.ended_ms AS ms
    FROM speech_ended s
    JOIN playback p ON p.call_id = s.call_id AND p.party = s.party AND p.turn = s.turn
    WHERE p.elapsed_ms >= s.ended_ms
    GROUP BY s.call_id, s.party, s.turn, s.ended_ms
),
connected AS (
    SELECT call_id, elapsed_ms FROM call_events WHERE event = 'MORADOR_CONNECTED'
),
responses AS (
    -- the resident's response time: a decision by speech or keypad minus the latest answer before it
    SELECT a.call_id, a.seq, a.elapsed_ms - MAX(c.elapsed_ms) AS ms
    FROM call_events a
    JOIN connected c ON c.call_id = a.call_id
    WHERE a.event = 'AUTHORIZATION' AND a.decided_by IN ('speech', 'dtmf') AND c.elapsed_ms <= a.elapsed_ms
    GROUP BY a.call_id, a.seq, a.elapsed_ms
),
samples AS (
    SELECT metric, ms FROM stage_samples
    UNION ALL SELECT 'turn_latency', ms FROM turns
    UNION ALL SELECT CASE WHEN party = 'resident' THEN 'turn_latency.resident' ELSE 'turn_latency.visitor' END, ms FROM turns
    UNION ALL SELECT 'ring_time', ring_ms FROM call_events WHERE event = 'MORADOR_CONNECTED' AND ring_ms >= 0
    UNION ALL SELECT 'resident_response', ms FROM responses
),
ranked AS (
    SELECT metric,
           ms,
           ROW_NUMBER() OVER (PARTITION BY metric ORDER BY ms) AS rank_in_metric,
           COUNT(*) OVER (PARTITION BY metric) AS n
    FROM samples
)
SELECT metric,
       COUNT(*) AS value_count,
       MIN(ms) AS min_ms,
       AVG(ms) AS mean_ms,
       MIN(CASE WHEN rank_in_metric >= CEIL(0.50 * n) THEN ms END) AS p50_ms,
       MIN(CASE WHEN rank_in_metric >= CEIL(0.90 * n) THEN ms END) AS p90_ms,
       MIN(CASE WHEN rank_in_metric >= CEIL(0.95 * n) THEN ms END) AS p95_ms,
       MIN(CASE WHEN rank_in_metric >= CEIL(0.99 * n) THEN ms END) AS p99_ms,
       MAX(ms) AS max_ms
FROM ranked
GROUP BY metric
ORDER BY metric;
