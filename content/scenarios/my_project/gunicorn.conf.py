# Gunicorn settings for my_project: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/my_project/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
