-- The resident leg's counts over a fleet's call files, in portable SQL (same rules as
-- latency_figures.sql: SQL-92, common table expressions, ROW_NUMBER() OVER; runs unchanged on
-- DuckDB, ClickHouse and Spark SQL over `call_events`).
--
-- One row per (what, item, calls): what = 'decision' (each call's last AUTHORIZATION.decision),
-- 'decided_by', 'no_answer_reason' (RESIDENT_NO_ANSWER events), 'attempts' (CALL_MORADOR events,
-- item 'all'), 'answered' (MORADOR_CONNECTED events, item 'all').
WITH last_decision AS (
    SELECT call_id,
           decision,
           COALESCE(decided_by, 'unknown') AS decided_by,
           ROW_NUMBER() OVER (PARTITION BY call_id ORDER BY seq DESC) AS latest
    FROM call_events
    WHERE event = 'AUTHORIZATION'
)
SELECT 'decision' AS what, COALESCE(decision, 'unknown') AS item, COUNT(*) AS calls
FROM last_decision WHERE latest = 1 GROUP BY COALESCE(decision, 'unknown')
UNION ALL
SELECT 'decided_by', decided_by, COUNT(*) FROM last_decision WHERE latest = 1 GROUP BY decided_by
UNION ALL
SELECT 'no_answer_reason', COALESCE(reason, 'unknown'), COUNT(*)
FROM call_events WHERE event = 'RESIDENT_NO_ANSWER' GROUP BY COALESCE(reason, 'unknown')
UNION ALL
SELECT 'attempts', 'all', COUNT(*) FROM call_events WHERE event = 'CALL_MORADOR'
UNION ALL
SELECT 'answered', 'all', COUNT(*) FROM call_events WHERE event = 'MORADOR_CONNECTED'
ORDER BY what, item;
