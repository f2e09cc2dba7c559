"""The dashboard served by Voila and driven in headless Chromium (every test here is marked
`browser`): the server in server.py, page helpers in driver.py and a11y.py, fixtures in conftest.py."""
