# Gunicorn settings for app_converters: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_converters/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
