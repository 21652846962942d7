"""The web layer of scurve: a thin FastAPI app over the `scurve` model."""
