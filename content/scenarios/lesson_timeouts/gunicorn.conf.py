# Gunicorn settings for lesson_timeouts: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 2
timeout = 5
accesslog = "-"
