"""The userdata commands (registerUserData answers the new record, deleteUserData success); the state and rules are in
model.py."""
from ...registry import api
from .model import delete, find, link, register, view


@api("listUserData")
def list_user_data(ctx, p):
    return [view(o) for o in find(ctx)]


@api("registerUserData")
def register_user_data(ctx, p):
    return view(register(ctx))


@api("deleteUserData")
def delete_user_data(ctx, p):
    delete(ctx)


@api("linkUserDataToTemplate")
def link_user_data_to_template(ctx, p):
    return link(ctx)
