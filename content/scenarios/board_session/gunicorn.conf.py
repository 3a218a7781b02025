# Gunicorn settings for board_session: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
