# Gunicorn settings for lesson_deploy, started by systemd (see hello_cju.service)
bind = "unix:/run/hello_cju/gunicorn.sock"
workers = 3
timeout = 30
accesslog = "-"
