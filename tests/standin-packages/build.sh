#!/bin/sh
# Build the stand-in CloudStack packages (TEST DOUBLES: cloudstack-common, cloudstack-management,
# cloudstack-usage, cloudstack-agent) of each release in CSOPS_STANDIN_RELEASES (default: 4.19 and 4.20,
# as "<release>:<version>" pairs) and one signed apt repository laid out like CloudStack's own:
#   <repo>/dists/<suite>/<release>/binary-amd64/Packages   (suite = this machine's codename; one component per release)
#   <repo>/pool/<release>/*.deb
#   <repo>/cloudstack-standin.asc                          (the repository's signing key)
# The test hosts get <repo> bind-mounted at /srv/csops-standin-repo (molecule/resources/create.yml).
# Cached by a hash of everything that goes into it.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${CSOPS_TESTHOST_CACHE:-$ROOT/.cache/testhost}
REPO=${CSOPS_STANDIN_REPO:-$CACHE/standin-repo}
RELEASES=${CSOPS_STANDIN_RELEASES:-4.19:4.19.3.0 4.20:4.20.1.0}
SUITE=$(. /etc/os-release && echo "$VERSION_CODENAME")

HASH=$( (cd "$HERE" && find . -type f ! -name '*.pyc' | sort | xargs cat; \
         cd "$ROOT/simulator" && find cloudstack_simulator -type f ! -name '*.pyc' | sort | xargs cat; \
         echo "$RELEASES $SUITE") | sha256sum | cut -c1-16)
if [ -f "$REPO/.stamp" ] && [ "$(cat "$REPO/.stamp")" = "$HASH" ]; then
    echo "$REPO"
    exit 0
fi

BUILD=$(mktemp -d /var/tmp/csops-standin.XXXXXX)
trap 'rm -rf "$BUILD"' EXIT
mkdir -p "$REPO"
find "$REPO" -mindepth 1 -delete
POOL="$REPO/pool"
mkdir -p "$POOL"

control() {  # name depends description-extra
    cat <<CTL
Package: $1
Version: $VERSION-standin1
Architecture: all
Maintainer: csops.cloudstack tests <csops@localhost>
Section: admin
Priority: optional
Depends: $2
Description: TEST DOUBLE of Apache CloudStack's $1 (not CloudStack)
 This is a stand-in package built by the csops.cloudstack test suite. It has
 the same name, files, commands and options as Apache CloudStack's $1 so
 that install roles can be tested on local test hosts. $3
 It is not Apache CloudStack and must never be installed on a real cloud.
CTL
}

pkg() {  # dir name
    d="$BUILD/$2"
    rm -rf "$d"
    mkdir -p "$d"
    cp -a "$HERE/$1/." "$d/"
    mkdir -p "$d/DEBIAN"
}

build_release() {  # RELEASE VERSION are set
mkdir -p "$POOL/$RELEASE"
# cloudstack-common
pkg common cloudstack-common
control cloudstack-common "python3" "It carries the shared stand-in helpers and cloud-install-sys-tmplt." > "$BUILD/cloudstack-common/DEBIAN/control"

# cloudstack-management (ships the bundled simulator as its API)
pkg management cloudstack-management
d="$BUILD/cloudstack-management"
mkdir -p "$d/usr/share/cloudstack-management/lib/python" "$d/usr/share/cloudstack-management/templates/systemvm" "$d/usr/share/cloudstack-management/setup"
(cd "$ROOT/simulator" && tar -c --exclude='__pycache__' --exclude='*.pyc' cloudstack_simulator) | tar -x -C "$d/usr/share/cloudstack-management/lib/python"
echo "$VERSION" > "$d/usr/share/cloudstack-management/VERSION"
printf 'TEST DOUBLE system VM template (csops.cloudstack stand-in), not a disk image\n' | bzip2 -9 \
    > "$d/usr/share/cloudstack-management/templates/systemvm/systemvmtemplate-$RELEASE.2-x86_64-kvm.qcow2.bz2"
control cloudstack-management "cloudstack-common (= $VERSION-standin1), python3, default-mysql-client | mariadb-client | mysql-client, adduser" \
    "Its cloudstack-management service serves the bundled CloudStack API simulator on port 8080." > "$d/DEBIAN/control"
printf '/etc/default/cloudstack-management\n/etc/cloudstack/management/db.properties\n/etc/cloudstack/management/server.properties\n' > "$d/DEBIAN/conffiles"
cat > "$d/DEBIAN/postinst" <<'PI'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    if ! getent passwd cloud >/dev/null; then
        adduser --quiet --system --group --no-create-home --home /var/lib/cloudstack/management cloud
    fi
    for dir in /var/lib/cloudstack/management /var/log/cloudstack/management /var/cache/cloudstack/management; do
        mkdir -p "$dir"; chown cloud:cloud "$dir"
    done
    chgrp cloud /etc/cloudstack/management/db.properties && chmod 0640 /etc/cloudstack/management/db.properties
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
PI
chmod 755 "$d/DEBIAN/postinst"

# cloudstack-usage
pkg usage cloudstack-usage
d="$BUILD/cloudstack-usage"
# the package owns /etc/cloudstack/usage (its post-install links into it); made here because git keeps no empty folder
mkdir -p "$d/etc/cloudstack/usage"
control cloudstack-usage "cloudstack-common (= $VERSION-standin1), python3" "Like the real one, its post-install links db.properties and key only if they exist." > "$d/DEBIAN/control"
cat > "$d/DEBIAN/postinst" <<'PI'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    mkdir -p /var/log/cloudstack/usage
    if getent passwd cloud >/dev/null; then chown cloud:cloud /var/log/cloudstack/usage; fi
    # As Apache CloudStack's cloudstack-usage.postinst: link only what exists.
    if [ -f /etc/cloudstack/management/db.properties ] && [ ! -e /etc/cloudstack/usage/db.properties ]; then
        ln -s /etc/cloudstack/management/db.properties /etc/cloudstack/usage/db.properties
    fi
    if [ -f /etc/cloudstack/management/key ] && [ ! -e /etc/cloudstack/usage/key ]; then
        ln -s /etc/cloudstack/management/key /etc/cloudstack/usage/key
    fi
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
PI
chmod 755 "$d/DEBIAN/postinst"

# cloudstack-agent
pkg agent cloudstack-agent
d="$BUILD/cloudstack-agent"
control cloudstack-agent "cloudstack-common (= $VERSION-standin1), python3" "cloudstack-setup-agent writes agent.properties as the real one does." > "$d/DEBIAN/control"
printf '/etc/cloudstack/agent/agent.properties\n' > "$d/DEBIAN/conffiles"
cat > "$d/DEBIAN/postinst" <<'PI'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    mkdir -p /var/log/cloudstack/agent
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
PI
chmod 755 "$d/DEBIAN/postinst"

for p in cloudstack-common cloudstack-management cloudstack-usage cloudstack-agent; do
    find "$BUILD/$p" -type d -exec chmod 755 {} +
    dpkg-deb --root-owner-group -Zxz --build "$BUILD/$p" "$POOL/$RELEASE/${p}_$VERSION-standin1_all.deb" >/dev/null
done

}

# The repository, laid out like CloudStack's: dists/<suite>/<release>/binary-amd64, one component per release
DIST="$REPO/dists/$SUITE"
COMPONENTS=""
for rv in $RELEASES; do
    RELEASE=${rv%%:*}
    VERSION=${rv#*:}
    build_release
    mkdir -p "$DIST/$RELEASE/binary-amd64"
    (cd "$REPO" && dpkg-scanpackages -m "pool/$RELEASE" /dev/null 2>/dev/null) > "$DIST/$RELEASE/binary-amd64/Packages"
    gzip -9nk "$DIST/$RELEASE/binary-amd64/Packages"
    COMPONENTS="$COMPONENTS $RELEASE"
done
{
    echo "Origin: csops-standin"
    echo "Label: csops.cloudstack TEST DOUBLE packages"
    echo "Suite: $SUITE"
    echo "Codename: $SUITE"
    echo "Date: $(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S UTC')"
    echo "Architectures: amd64 all"
    echo "Components:$COMPONENTS"
    echo "SHA256:"
    (cd "$DIST" && for c in $COMPONENTS; do for f in "$c/binary-amd64/Packages" "$c/binary-amd64/Packages.gz"; do
        printf ' %s %s %s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$(stat -c %s "$f")" "$f"
    done; done)
} > "$DIST/Release"

GNUPGHOME="$CACHE/gnupg"
export GNUPGHOME
if [ ! -d "$GNUPGHOME" ]; then
    mkdir -m 700 -p "$GNUPGHOME"
    gpg --batch --quiet --passphrase '' --quick-gen-key "csops.cloudstack stand-in repository (TEST DOUBLE) <csops@localhost>" ed25519 sign never 2>/dev/null
fi
gpg --batch --quiet --yes --clearsign -o "$DIST/InRelease" "$DIST/Release"
gpg --batch --quiet --armor --export > "$REPO/cloudstack-standin.asc"
find "$REPO" -type d -exec chmod 755 {} +
find "$REPO" -type f -exec chmod 644 {} +
echo "$HASH" > "$REPO/.stamp"
echo "$REPO"
