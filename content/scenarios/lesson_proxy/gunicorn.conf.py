# Gunicorn settings for lesson_proxy: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
