# Gunicorn settings for app_shortener: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_shortener/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
