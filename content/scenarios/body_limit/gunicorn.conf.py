# Gunicorn settings for body_limit: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 2
accesslog = "-"
