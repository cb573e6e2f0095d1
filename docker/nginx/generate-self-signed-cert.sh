#!/bin/sh
# Creates a self-signed TLS certificate (tls.crt, tls.key) in a directory, unless one is there.
# The nginx image runs it from /docker-entrypoint.d/ on start, writing to /etc/nginx/certs
# (bind-mounted from docker/nginx/certs, which git ignores). To make or replace one by hand:
#   docker/nginx/generate-self-signed-cert.sh docker/nginx/certs
# To use a real certificate, put its tls.crt and tls.key in docker/nginx/certs instead.
set -eu
dir="${1:-${CERT_DIR:-/etc/nginx/certs}}"
name="${CERT_COMMON_NAME:-localhost}"

if [ -s "$dir/tls.crt" ] && [ -s "$dir/tls.key" ]; then
    echo "TLS certificate present in $dir"
    exit 0
fi

mkdir -p "$dir"
umask 077
openssl req -x509 -nodes -sha256 -days 825 \
    -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -subj "/CN=$name" \
    -addext "subjectAltName=DNS:$name,DNS:nginx,IP:127.0.0.1" \
    -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null
chmod 644 "$dir/tls.crt"
echo "Generated a self-signed TLS certificate for $name in $dir"
