-- Written by hand (Prisma's schema does not describe triggers). A session's last_seen_at is informative and is
-- written at most once a minute a session (SessionService). Signalling it dropped every session kept in memory in
-- every process, once a minute for each signed-in session. Any other change to sessions still signals.
DROP TRIGGER sessions_changed ON sessions;

CREATE TRIGGER sessions_added_or_removed AFTER INSERT OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION bootfleet_notify_table_change();

CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_seen_at'))
  EXECUTE FUNCTION bootfleet_notify_table_change();
