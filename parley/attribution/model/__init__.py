"""The trained attribution model (attribution.json), rebuilt by `make train-attribution`."""
