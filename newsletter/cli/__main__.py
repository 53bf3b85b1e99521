"""`python -m newsletter.cli`: the same as the `newsletter` console script."""

from newsletter.cli import main

main()
