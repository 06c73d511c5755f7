CREATE TABLE "energy_tenant_daily" (
	"tenant_id" text NOT NULL,
	"day" text NOT NULL,
	"energy_mwh" bigint NOT NULL,
	"burning_s" bigint NOT NULL,
	"level_x10_s" bigint NOT NULL,
	"duration_s" bigint NOT NULL,
	"dark_s" bigint NOT NULL,
	"records" bigint NOT NULL,
	"devices" bigint NOT NULL,
	"baseline_ws" bigint NOT NULL,
	"baseline_energy_mwh" bigint NOT NULL,
	"devices_without_baseline" bigint NOT NULL,
	CONSTRAINT "energy_tenant_daily_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "energy_tenant_monthly" (
	"tenant_id" text NOT NULL,
	"month" text NOT NULL,
	"energy_mwh" bigint NOT NULL,
	"burning_s" bigint NOT NULL,
	"level_x10_s" bigint NOT NULL,
	"duration_s" bigint NOT NULL,
	"dark_s" bigint NOT NULL,
	"records" bigint NOT NULL,
	"devices" bigint NOT NULL,
	"baseline_ws" bigint NOT NULL,
	"baseline_energy_mwh" bigint NOT NULL,
	"devices_without_baseline" bigint NOT NULL,
	CONSTRAINT "energy_tenant_monthly_tenant_id_month_pk" PRIMARY KEY("tenant_id","month")
);
--> statement-breakpoint
CREATE FUNCTION "energy_daily_tenant_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer of the per-town rows at a time (until commit): their rows are locked by several statements and triggers of
  -- a transaction, for several towns, in no order common to all transactions; this lock is taken after the rows a
  -- writer locks first (its devices), so it cannot close a cycle.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_daily" AS a (tenant_id, day, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.day, sum(r.energy_mwh), sum(r.burning_s), sum(r.level_x10_s), sum(r.duration_s), sum(r.dark_s), sum(r.records), count(*), sum(r.dark_s * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh else 0 end), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then 0 else 1 end)
    FROM new_rows r LEFT JOIN inventory i ON i.device_id = r.device_id
    GROUP BY r.tenant_id, r.day ORDER BY r.tenant_id, r.day
    ON CONFLICT (tenant_id, day) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "energy_daily_tenant_ins" AFTER INSERT ON "energy_daily" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "energy_daily_tenant_ins"();
--> statement-breakpoint
CREATE FUNCTION "energy_daily_tenant_upd"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer of the per-town rows at a time (until commit): their rows are locked by several statements and triggers of
  -- a transaction, for several towns, in no order common to all transactions; this lock is taken after the rows a
  -- writer locks first (its devices), so it cannot close a cycle.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_daily" AS a (tenant_id, day, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.day, sum(r.energy_mwh - o.energy_mwh), sum(r.burning_s - o.burning_s), sum(r.level_x10_s - o.level_x10_s), sum(r.duration_s - o.duration_s), sum(r.dark_s - o.dark_s), sum(r.records - o.records), 0, sum((r.dark_s - o.dark_s) * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh - o.energy_mwh else 0 end), 0
    FROM new_rows r JOIN old_rows o ON o.tenant_id = r.tenant_id AND o.day = r.day AND o.device_id = r.device_id LEFT JOIN inventory i ON i.device_id = r.device_id
    GROUP BY r.tenant_id, r.day ORDER BY r.tenant_id, r.day
    ON CONFLICT (tenant_id, day) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "energy_daily_tenant_upd" AFTER UPDATE ON "energy_daily" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "energy_daily_tenant_upd"();
--> statement-breakpoint
CREATE FUNCTION "energy_daily_tenant_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer of the per-town rows at a time (until commit): their rows are locked by several statements and triggers of
  -- a transaction, for several towns, in no order common to all transactions; this lock is taken after the rows a
  -- writer locks first (its devices), so it cannot close a cycle.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_daily" AS a (tenant_id, day, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.day, -sum(r.energy_mwh), -sum(r.burning_s), -sum(r.level_x10_s), -sum(r.duration_s), -sum(r.dark_s), -sum(r.records), -count(*), -sum(r.dark_s * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)), -sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh else 0 end), -sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then 0 else 1 end)
    FROM old_rows r LEFT JOIN inventory i ON i.device_id = r.device_id
    GROUP BY r.tenant_id, r.day ORDER BY r.tenant_id, r.day
    ON CONFLICT (tenant_id, day) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "energy_daily_tenant_del" AFTER DELETE ON "energy_daily" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "energy_daily_tenant_del"();
--> statement-breakpoint
CREATE FUNCTION "energy_monthly_tenant_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer of the per-town rows at a time (until commit): their rows are locked by several statements and triggers of
  -- a transaction, for several towns, in no order common to all transactions; this lock is taken after the rows a
  -- writer locks first (its devices), so it cannot close a cycle.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_monthly" AS a (tenant_id, month, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.month, sum(r.energy_mwh), sum(r.burning_s), sum(r.level_x10_s), sum(r.duration_s), sum(r.dark_s), sum(r.records), count(*), sum(r.dark_s * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh else 0 end), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then 0 else 1 end)
    FROM new_rows r LEFT JOIN inventory i ON i.device_id = r.device_id
    GROUP BY r.tenant_id, r.month ORDER BY r.tenant_id, r.month
    ON CONFLICT (tenant_id, month) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "energy_monthly_tenant_ins" AFTER INSERT ON "energy_monthly" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "energy_monthly_tenant_ins"();
--> statement-breakpoint
CREATE FUNCTION "energy_monthly_tenant_upd"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer of the per-town rows at a time (until commit): their rows are locked by several statements and triggers of
  -- a transaction, for several towns, in no order common to all transactions; this lock is taken after the rows a
  -- writer locks first (its devices), so it cannot close a cycle.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_monthly" AS a (tenant_id, month, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.month, sum(r.energy_mwh - o.energy_mwh), sum(r.burning_s - o.burning_s), sum(r.level_x10_s - o.level_x10_s), sum(r.duration_s - o.duration_s), sum(r.dark_s - o.dark_s), sum(r.records - o.records), 0, sum((r.dark_s - o.dark_s) * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh - o.energy_mwh else 0 end), 0
    FROM new_rows r JOIN old_rows o ON o.tenant_id = r.tenant_id AND o.month = r.month AND o.device_id = r.device_id LEFT JOIN inventory i ON i.device_id = r.device_id
    GROUP BY r.tenant_id, r.month ORDER BY r.tenant_id, r.month
    ON CONFLICT (tenant_id, month) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "energy_monthly_tenant_upd" AFTER UPDATE ON "energy_monthly" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "energy_monthly_tenant_upd"();
--> statement-breakpoint
CREATE FUNCTION "energy_monthly_tenant_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer of the per-town rows at a time (until commit): their rows are locked by several statements and triggers of
  -- a transaction, for several towns, in no order common to all transactions; this lock is taken after the rows a
  -- writer locks first (its devices), so it cannot close a cycle.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_monthly" AS a (tenant_id, month, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.month, -sum(r.energy_mwh), -sum(r.burning_s), -sum(r.level_x10_s), -sum(r.duration_s), -sum(r.dark_s), -sum(r.records), -count(*), -sum(r.dark_s * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)), -sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh else 0 end), -sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then 0 else 1 end)
    FROM old_rows r LEFT JOIN inventory i ON i.device_id = r.device_id
    GROUP BY r.tenant_id, r.month ORDER BY r.tenant_id, r.month
    ON CONFLICT (tenant_id, month) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "energy_monthly_tenant_del" AFTER DELETE ON "energy_monthly" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "energy_monthly_tenant_del"();
--> statement-breakpoint
CREATE FUNCTION "inventory_energy_tenant_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The devices' rows locked, in id order, as the ingest locks them: a batch writing these devices' rollups commits
  -- before the rows are read below, or waits for this transaction (and then reads the new inventory).
  PERFORM 1 FROM devices d WHERE d.id IN (SELECT c.device_id FROM (SELECT n.device_id, 0 AS wo, (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) AS wn FROM new_rows n WHERE (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) <> 0) c) ORDER BY d.id FOR UPDATE;
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_daily" AS a (tenant_id, day, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.day, 0, 0, 0, 0, 0, 0, 0, sum(r.dark_s * (c.wn - c.wo)), sum(r.energy_mwh * ((case when c.wn > 0 then 1 else 0 end) - (case when c.wo > 0 then 1 else 0 end))), sum((case when c.wn > 0 then 0 else 1 end) - (case when c.wo > 0 then 0 else 1 end))
    FROM (SELECT n.device_id, 0 AS wo, (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) AS wn FROM new_rows n WHERE (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) <> 0) c JOIN "energy_daily" r ON r.device_id = c.device_id
    GROUP BY r.tenant_id, r.day ORDER BY r.tenant_id, r.day
    ON CONFLICT (tenant_id, day) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  INSERT INTO "energy_tenant_monthly" AS a (tenant_id, month, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.month, 0, 0, 0, 0, 0, 0, 0, sum(r.dark_s * (c.wn - c.wo)), sum(r.energy_mwh * ((case when c.wn > 0 then 1 else 0 end) - (case when c.wo > 0 then 1 else 0 end))), sum((case when c.wn > 0 then 0 else 1 end) - (case when c.wo > 0 then 0 else 1 end))
    FROM (SELECT n.device_id, 0 AS wo, (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) AS wn FROM new_rows n WHERE (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) <> 0) c JOIN "energy_monthly" r ON r.device_id = c.device_id
    GROUP BY r.tenant_id, r.month ORDER BY r.tenant_id, r.month
    ON CONFLICT (tenant_id, month) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "inventory_energy_tenant_ins" AFTER INSERT ON "inventory" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_energy_tenant_ins"();
--> statement-breakpoint
CREATE FUNCTION "inventory_energy_tenant_upd"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The devices' rows locked, in id order, as the ingest locks them: a batch writing these devices' rollups commits
  -- before the rows are read below, or waits for this transaction (and then reads the new inventory).
  PERFORM 1 FROM devices d WHERE d.id IN (SELECT c.device_id FROM (SELECT n.device_id, (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) AS wo, (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) AS wn FROM new_rows n JOIN old_rows o ON o.device_id = n.device_id WHERE (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) <> (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end)) c) ORDER BY d.id FOR UPDATE;
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_daily" AS a (tenant_id, day, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.day, 0, 0, 0, 0, 0, 0, 0, sum(r.dark_s * (c.wn - c.wo)), sum(r.energy_mwh * ((case when c.wn > 0 then 1 else 0 end) - (case when c.wo > 0 then 1 else 0 end))), sum((case when c.wn > 0 then 0 else 1 end) - (case when c.wo > 0 then 0 else 1 end))
    FROM (SELECT n.device_id, (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) AS wo, (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) AS wn FROM new_rows n JOIN old_rows o ON o.device_id = n.device_id WHERE (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) <> (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end)) c JOIN "energy_daily" r ON r.device_id = c.device_id
    GROUP BY r.tenant_id, r.day ORDER BY r.tenant_id, r.day
    ON CONFLICT (tenant_id, day) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  INSERT INTO "energy_tenant_monthly" AS a (tenant_id, month, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.month, 0, 0, 0, 0, 0, 0, 0, sum(r.dark_s * (c.wn - c.wo)), sum(r.energy_mwh * ((case when c.wn > 0 then 1 else 0 end) - (case when c.wo > 0 then 1 else 0 end))), sum((case when c.wn > 0 then 0 else 1 end) - (case when c.wo > 0 then 0 else 1 end))
    FROM (SELECT n.device_id, (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) AS wo, (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end) AS wn FROM new_rows n JOIN old_rows o ON o.device_id = n.device_id WHERE (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) <> (case when n.nominal_power_w > 0 and n.lat is not null and n.lon is not null then n.nominal_power_w else 0 end)) c JOIN "energy_monthly" r ON r.device_id = c.device_id
    GROUP BY r.tenant_id, r.month ORDER BY r.tenant_id, r.month
    ON CONFLICT (tenant_id, month) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "inventory_energy_tenant_upd" AFTER UPDATE ON "inventory" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_energy_tenant_upd"();
--> statement-breakpoint
CREATE FUNCTION "inventory_energy_tenant_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The devices' rows locked, in id order, as the ingest locks them: a batch writing these devices' rollups commits
  -- before the rows are read below, or waits for this transaction (and then reads the new inventory).
  PERFORM 1 FROM devices d WHERE d.id IN (SELECT c.device_id FROM (SELECT o.device_id, (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) AS wo, 0 AS wn FROM old_rows o WHERE (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) <> 0) c) ORDER BY d.id FOR UPDATE;
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.energy_tenant_rollups'));
  INSERT INTO "energy_tenant_daily" AS a (tenant_id, day, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.day, 0, 0, 0, 0, 0, 0, 0, sum(r.dark_s * (c.wn - c.wo)), sum(r.energy_mwh * ((case when c.wn > 0 then 1 else 0 end) - (case when c.wo > 0 then 1 else 0 end))), sum((case when c.wn > 0 then 0 else 1 end) - (case when c.wo > 0 then 0 else 1 end))
    FROM (SELECT o.device_id, (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) AS wo, 0 AS wn FROM old_rows o WHERE (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) <> 0) c JOIN "energy_daily" r ON r.device_id = c.device_id
    GROUP BY r.tenant_id, r.day ORDER BY r.tenant_id, r.day
    ON CONFLICT (tenant_id, day) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  INSERT INTO "energy_tenant_monthly" AS a (tenant_id, month, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
    SELECT r.tenant_id, r.month, 0, 0, 0, 0, 0, 0, 0, sum(r.dark_s * (c.wn - c.wo)), sum(r.energy_mwh * ((case when c.wn > 0 then 1 else 0 end) - (case when c.wo > 0 then 1 else 0 end))), sum((case when c.wn > 0 then 0 else 1 end) - (case when c.wo > 0 then 0 else 1 end))
    FROM (SELECT o.device_id, (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) AS wo, 0 AS wn FROM old_rows o WHERE (case when o.nominal_power_w > 0 and o.lat is not null and o.lon is not null then o.nominal_power_w else 0 end) <> 0) c JOIN "energy_monthly" r ON r.device_id = c.device_id
    GROUP BY r.tenant_id, r.month ORDER BY r.tenant_id, r.month
    ON CONFLICT (tenant_id, month) DO UPDATE SET energy_mwh = a.energy_mwh + excluded.energy_mwh, burning_s = a.burning_s + excluded.burning_s, level_x10_s = a.level_x10_s + excluded.level_x10_s, duration_s = a.duration_s + excluded.duration_s, dark_s = a.dark_s + excluded.dark_s, records = a.records + excluded.records, devices = a.devices + excluded.devices, baseline_ws = a.baseline_ws + excluded.baseline_ws, baseline_energy_mwh = a.baseline_energy_mwh + excluded.baseline_energy_mwh, devices_without_baseline = a.devices_without_baseline + excluded.devices_without_baseline;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "inventory_energy_tenant_del" AFTER DELETE ON "inventory" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_energy_tenant_del"();
--> statement-breakpoint
INSERT INTO "energy_tenant_daily" (tenant_id, day, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
  SELECT r.tenant_id, r.day, sum(r.energy_mwh), sum(r.burning_s), sum(r.level_x10_s), sum(r.duration_s), sum(r.dark_s), sum(r.records), count(*), sum(r.dark_s * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)),
    sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh else 0 end), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then 0 else 1 end)
  FROM "energy_daily" r LEFT JOIN "inventory" i ON i.device_id = r.device_id
  GROUP BY r.tenant_id, r.day;
--> statement-breakpoint
INSERT INTO "energy_tenant_monthly" (tenant_id, month, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records, devices, baseline_ws, baseline_energy_mwh, devices_without_baseline)
  SELECT r.tenant_id, r.month, sum(r.energy_mwh), sum(r.burning_s), sum(r.level_x10_s), sum(r.duration_s), sum(r.dark_s), sum(r.records), count(*), sum(r.dark_s * (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)),
    sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then r.energy_mwh else 0 end), sum(case when (case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end) > 0 then 0 else 1 end)
  FROM "energy_monthly" r LEFT JOIN "inventory" i ON i.device_id = r.device_id
  GROUP BY r.tenant_id, r.month;
