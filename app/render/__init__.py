"""What the server draws, apart from the HTTP plumbing: the charts' first-paint
SVG (firstpaint.py), the embed's and preview's SVG (drawing.py), the preview
PNG (preview.py), text measured with the bundled fonts (fontmetrics.py), and
the estimator's cards in page order (cards.py)."""
