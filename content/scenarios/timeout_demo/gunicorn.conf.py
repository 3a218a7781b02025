# Gunicorn settings for timeout_demo: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 2
timeout = 2
accesslog = "-"
