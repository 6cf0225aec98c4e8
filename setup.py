# Metadata lives in pyproject.toml; this file exists for scrapyd-deploy, which builds its egg with setup.py.
from setuptools import setup

setup()
