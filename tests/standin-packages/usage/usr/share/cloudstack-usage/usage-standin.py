# TEST DOUBLE of the CloudStack usage server: reads its db.properties and stays up.
import time

from cloudutils import standin

props = standin.read_properties("/etc/cloudstack/usage/db.properties")
print(f"usage stand-in: database {props.get('db.usage.name', 'cloud_usage')} on {props.get('db.usage.host')}", flush=True)
while True:
    time.sleep(3600)
