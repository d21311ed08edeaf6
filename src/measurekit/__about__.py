"""The installed version of measurekit, read by the build backend: the one place it is
defined. Also the distribution's name on the package index, which is not the import
package's ("measurekit" there is an unrelated project)."""

__version__ = "0.1.0"
#: The distribution that installs measurekit: ``pip install pcc-measurekit``.
DISTRIBUTION = "pcc-measurekit"
