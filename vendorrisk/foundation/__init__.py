"""The foundation: configuration, extensions, errors, time, storage, downloads,
tabular files, charts, PDF primitives, form helpers, events. It imports no feature;
every feature may import it."""
