# Gunicorn settings for flask_shapes: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/gunicorn.sock"
workers = 1
accesslog = "-"
