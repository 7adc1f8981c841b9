-- DuckDB: the call files as the flat view the portable queries read (one row per event).
-- Replace the glob with your folder; '**' also reads a tree of servers. Lines that are not JSON are skipped.
CREATE OR REPLACE VIEW call_events AS
SELECT call_id,
       ts,
       seq,
       elapsed_ms,
       event,
       data.source        AS source,
       data.target        AS target,
       data.turn          AS turn,
       data.duration_ms   AS duration_ms,
       data.hangover_ms   AS hangover_ms,
       data.ring_ms       AS ring_ms,
       data.attempt       AS attempt,
       data.decision      AS decision,
       data."by"          AS decided_by,
       data.reason        AS reason,
       data.building      AS building
FROM read_json('logs/**/*.jsonl',
               format = 'newline_delimited',
               ignore_errors = true,
               columns = {ts: 'VARCHAR', call_id: 'VARCHAR', seq: 'BIGINT', elapsed_ms: 'DOUBLE', event: 'VARCHAR',
                          data: 'STRUCT(source VARCHAR, target VARCHAR, turn INTEGER, duration_ms DOUBLE,
                                        hangover_ms DOUBLE, ring_ms DOUBLE, attempt INTEGER, decision VARCHAR,
                                        "by" VARCHAR, reason VARCHAR, building VARCHAR)'});
