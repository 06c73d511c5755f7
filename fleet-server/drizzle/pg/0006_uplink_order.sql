-- Events stored twice before events were keyed by the frame that carried them (a redelivery accepted after
-- another instance had set the device's last seq back): same device, event_seq, type, active, time, value and
-- detail, received within 5 minutes of the first copy, which is kept. (event_seq alone repeats after a reboot,
-- e.g. a clock_lost at every power-up, hours apart: those stay.)
DELETE FROM device_events WHERE id IN (
  SELECT d.id FROM device_events d JOIN device_events o
    ON o.device_id = d.device_id AND o.event_seq = d.event_seq AND o.type = d.type AND o.active = d.active
   AND o.time = d.time AND o.value = d.value AND o.detail = d.detail
   AND o.id < d.id AND d.received_at - o.received_at <= 300000
);--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "raised_ord" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "last_event_ord" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "device_events" ADD COLUMN "uplink_ord" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "seq_epoch" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "state_ord" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "hello_ord" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "device_events_uplink_uq" ON "device_events" USING btree ("device_id","uplink_ord") WHERE "device_events"."uplink_ord" <> 0;--> statement-breakpoint
CREATE INDEX "device_events_type_ord_idx" ON "device_events" USING btree ("device_id","type","uplink_ord");