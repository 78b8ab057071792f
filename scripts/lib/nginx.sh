# The TLS-terminating proxy of `scripts/dev-up.sh --instances N`: Debian's nginx with a self-signed certificate.
# Sourced by scripts/dev-up.sh; the one place that knows its configuration.

# nginx_write_certificate DIR: DIR/tls/cert.pem and DIR/tls/key.pem, self-signed for localhost and 127.0.0.1, made per
# stack (never reused: a new stack, a new key).
nginx_write_certificate() {
  local dir=$1
  mkdir -p "$dir/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" >/dev/null 2>&1
  chmod 600 "$dir/tls/key.pem"
}

# nginx_write_config DIR PROXY_PORT DASHBOARD_PORT...: DIR/nginx.conf, https on 127.0.0.1:PROXY_PORT in front of the
# dashboards on 127.0.0.1:DASHBOARD_PORT...
#  - affinity: a browser keeps to one instance by a cookie the proxy sets on its first answer (open-source nginx has no
#    sticky directive, so the upstream is chosen by a consistent hash of that cookie). A Blazor circuit's negotiate and
#    WebSocket must reach the same instance; everything else works on either, since the instances share Redis (cache
#    and Data Protection keys) and Kafka.
#  - HSTS at the https edge; X-Forwarded-For and -Proto for the dashboards, which trust this proxy (127.0.0.1) only.
#  - /metrics is not served through the proxy: scrapers read each instance directly.
#  - X-Upstream-Instance names the instance that answered (a development stack; a hospital's proxy would not say it).
nginx_write_config() {
  local dir=$1 proxy_port=$2; shift 2
  local servers="" port
  for port in "$@"; do servers+="    server 127.0.0.1:$port max_fails=0;"$'\n'; done
  mkdir -p "$dir/nginx/tmp"
  chmod 777 "$dir/nginx/tmp"
  local headers='add_header Strict-Transport-Security "max-age=31536000" always;
      add_header Set-Cookie $affinity_cookie always;
      add_header X-Upstream-Instance $upstream_addr always;'
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $dir/logs/nginx-access.log;
  client_body_temp_path $dir/nginx/tmp/body;
  proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fastcgi;
  uwsgi_temp_path $dir/nginx/tmp/uwsgi;
  scgi_temp_path $dir/nginx/tmp/scgi;
  server_tokens off;

  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  # A browser without the affinity cookie gets one now, and is routed by it from this very request on.
  map \$cookie_BlazorAdminAffinity \$affinity { '' \$request_id; default \$cookie_BlazorAdminAffinity; }
  map \$cookie_BlazorAdminAffinity \$affinity_cookie { '' "BlazorAdminAffinity=\$request_id; Path=/; Secure; HttpOnly; SameSite=Lax"; default ''; }

  upstream dashboards {
    hash \$affinity consistent;
$servers  }

  server {
    listen 127.0.0.1:$proxy_port ssl;
    server_name localhost;
    ssl_certificate $dir/tls/cert.pem;
    ssl_certificate_key $dir/tls/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;

    proxy_http_version 1.1;
    proxy_set_header Host \$http_host;
    # Replaced, not appended: the dashboards believe one hop, this one.
    proxy_set_header X-Forwarded-For \$remote_addr;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_set_header Upgrade \$http_upgrade;
    proxy_set_header Connection \$connection_upgrade;
    # The app's own HSTS would repeat the edge's.
    proxy_hide_header Strict-Transport-Security;
    proxy_read_timeout 1h;

    location / {
      proxy_pass http://dashboards;
      $headers
    }
    # Server-Sent Events go out as they are written.
    location /v1/admin/events {
      proxy_pass http://dashboards;
      proxy_buffering off;
      $headers
    }
    location ^~ /metrics {
      deny all;
      add_header Strict-Transport-Security "max-age=31536000" always;
    }
  }
}
CONF
}
