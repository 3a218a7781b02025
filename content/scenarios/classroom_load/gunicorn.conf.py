# Gunicorn settings for classroom_load: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 1
worker_class = "sync"
threads = 1
timeout = 30
backlog = 2048
accesslog = "-"
