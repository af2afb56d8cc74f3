"""`site.toml`: its values (`model.py`), its parsing (`parse.py`) and the checker
that turns every wrong value into a problem with a line (`checker.py`).

A new table gets a reader module here and a field on `SiteConfig`; the rest of
Warta imports from this package only.
"""

from generator.config.footer import FooterLink
from generator.config.images import ImageSettings
from generator.config.model import AuthorInfo, Outputs, SiteConfig
from generator.config.parse import CONFIG_NAME, load_config, parse_config

__all__ = ["CONFIG_NAME", "AuthorInfo", "FooterLink", "ImageSettings", "Outputs", "SiteConfig",
           "load_config",
           "parse_config"]
