# Gunicorn settings for app_counter: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_counter/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
