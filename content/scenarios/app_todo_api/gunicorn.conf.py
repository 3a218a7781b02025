# Gunicorn settings for app_todo_api: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_todo_api/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
