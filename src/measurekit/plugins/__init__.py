"""The plugin system: the hook specifications and the one facade that talks to pluggy."""
