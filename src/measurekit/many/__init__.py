"""Many statements from one statement file: one per force and per period."""
