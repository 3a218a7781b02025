# Gunicorn settings for app_config: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_config/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
