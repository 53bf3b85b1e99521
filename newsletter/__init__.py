"""newsletter: a scheduled morning e-mail newsletter job.

The pipeline (see DESIGN.md): source -> classify -> assemble -> render -> deliver -> report,
with ``newsletter.job.run_issue`` as the one place that knows the order.
"""

__version__ = "0.1.0"
