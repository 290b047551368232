-- The rollup-change notifications move from statement triggers into the writers
-- (docs/adr/0084-emissions-cache.md): the three triggers of 20261202060000_rollup_change_notify
-- materialize every changed rollup row in a transition table (up to 15,000 per batch), while
-- each writer of EmissionsRollup (storeEstimates, writeScope2Results, rebuildEmissionsRollup)
-- knows its organizations and notifies in one statement.
DROP TRIGGER "EmissionsRollup_change_insert" ON "EmissionsRollup";
DROP TRIGGER "EmissionsRollup_change_update" ON "EmissionsRollup";
DROP TRIGGER "EmissionsRollup_change_delete" ON "EmissionsRollup";
DROP FUNCTION "notify_rollup_change"();
