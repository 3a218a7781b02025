# Gunicorn settings for lesson_static: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 2
accesslog = "-"
