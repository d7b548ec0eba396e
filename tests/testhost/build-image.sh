#!/bin/sh
# Build the test-host base image once (debootstrap, no registry) and cache it by a hash of its recipe.
#
#   tests/testhost/build-image.sh          prints the image name (localhost/csops-testhost:<hash>)
#
# The Debian mirror is the one this machine's apt uses (tests/testhost/apt_mirror.py).
# The ssh key the tests log in with is generated once under .cache/testhost/ and bind-mounted
# into each host by molecule/resources/create.yml, so it is not part of the image.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${CSOPS_TESTHOST_CACHE:-$ROOT/.cache/testhost}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$HERE/containers.conf}
mkdir -p "$CACHE"

eval "$(python3 "$HERE/apt_mirror.py")"
PACKAGES=systemd,systemd-sysv,dbus,python3,openssh-server,iproute2,sudo,procps,ca-certificates,python3-apt,less,netbase

containerfile() {
    cat <<CF
FROM localhost/csops-testhost-rootfs:$RHASH
RUN printf 'deb %s %s main\ndeb %s %s-updates main\n' '$MIRROR' '$SUITE' '$MIRROR' '$SUITE' > /etc/apt/sources.list \\
 && if [ -n '$SECURITY' ]; then printf 'deb %s %s-security main\n' '$SECURITY' '$SUITE' >> /etc/apt/sources.list; fi \\
 && printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > /etc/apt/apt.conf.d/90csops-norecommends \\
 && printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' > /etc/dpkg/dpkg.cfg.d/90csops-nodoc \\
 && mkdir -p /root/.ssh && chmod 700 /root/.ssh \\
 && : > /etc/machine-id \\
 && printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > /etc/hosts \\
 && systemctl mask systemd-resolved.service getty@tty1.service console-getty.service systemd-logind.service 2>/dev/null || true \\
 && systemctl enable ssh.service \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin && touch -d 2000-01-01 /var/lib/apt/lists
CMD ["/sbin/init"]
STOPSIGNAL SIGRTMIN+3
CF
}

# The recipe: this script, the package list, the mirror and the suite.
HASH=$( (cat "$0"; echo "$PACKAGES $MIRROR $SECURITY $SUITE") | sha256sum | cut -c1-12)
# The debootstrap layer only depends on the packages, the mirror and the suite.
RHASH=$(echo "rootfs $PACKAGES $MIRROR $SUITE" | sha256sum | cut -c1-12)
IMAGE=localhost/csops-testhost:$HASH

if ! podman image exists "$IMAGE"; then
    if ! podman image exists "localhost/csops-testhost-rootfs:$RHASH"; then
        ROOTFS=$(mktemp -d /var/tmp/csops-rootfs.XXXXXX)
        trap 'rm -rf "$ROOTFS"' EXIT
        echo "debootstrap $SUITE from $MIRROR" >&2
        debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
            || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
        rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
        tar -C "$ROOTFS" -c . | podman import - "localhost/csops-testhost-rootfs:$RHASH" >/dev/null
        rm -rf "$ROOTFS"
        trap - EXIT
    fi
    containerfile > "$CACHE/Containerfile"
    podman build -q -t "$IMAGE" -f "$CACHE/Containerfile" "$CACHE" >/dev/null
fi

if [ ! -f "$CACHE/id_ed25519" ]; then
    ssh-keygen -q -t ed25519 -N '' -C csops-testhost -f "$CACHE/id_ed25519"
fi
echo "$IMAGE"
