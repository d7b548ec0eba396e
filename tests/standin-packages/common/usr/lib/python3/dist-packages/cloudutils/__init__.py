# TEST DOUBLE: part of the csops.cloudstack stand-in for Apache CloudStack's cloudstack-common.
