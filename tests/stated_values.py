"""Values stated by docs/DESIGN.md §2, written out by hand so tests compare against them, not against the YAML."""

DEFAULTS = {
    "bug_fixes": (0.30, 0.42, 0.55),
    "supporting_structures": (0.32, 0.45, 0.58),
    "automated_experiments": (0.15, 0.27, 0.40),
    "closed_loop_optimisation": (0.25, 0.36, 0.48),
    "chip_design": (0.12, 0.17, 0.23),
    "supercomputer_infrastructure": (0.06, 0.10, 0.15),
    "data_cleaning_ordering": (0.30, 0.40, 0.49),
    "synthetic_data": (0.33, 0.45, 0.57),
    "surfacing_ideas": (0.18, 0.30, 0.43),
    "qualitative_research": (0.04, 0.08, 0.14),
}
