-- Issue 14, downlink bookkeeping: an EnergyAck or a TimeSync takes a downlink seq but is no longer a `downlinks` row
-- (DeviceService.sendDownlink); only downlinks a device acknowledges are. The rows the old code wrote for them (one per
-- energy frame and per Hello, never read, never pruned) go.
DELETE FROM downlinks WHERE ack_status = 'none' AND kind IN ('energy_ack', 'time_sync');
