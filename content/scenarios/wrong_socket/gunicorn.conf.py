# Gunicorn settings for wrong_socket: gunicorn -c gunicorn.conf.py app:app
bind = "unix:/run/hello.sock"
workers = 2
accesslog = "-"
