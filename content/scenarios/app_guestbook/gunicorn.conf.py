# Gunicorn settings for app_guestbook: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_guestbook/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
