"""Making packs: settings and profiles, the pack builder, output, batches, calibration."""
