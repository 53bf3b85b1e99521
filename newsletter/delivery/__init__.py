"""The parts of stage 5 (delivery), each named for what it does; `newsletter.deliver` wires them.

- `personalize.Personalizer`: each reader's message bytes, rendered once per section set.
- `claimer.Claimer`: the calling thread; claims ledger rows and builds their messages.
- `senders.SenderPool`: N threads, one reused relay connection each, handing messages over.
- `recorder.Recorder`: one thread writing outcomes back in batches (and renewing leases).
- `brake.RunState`: what those threads share: in-flight rows, the brake, the fatal error.
- `refusals`: which relay replies are about a reader, about our pace, or about us.
- `counts.RunCounts`: what one run did.

This package imports nothing from `newsletter.deliver`, so the wiring never forms a cycle.
"""
