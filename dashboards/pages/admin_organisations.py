"""Administration, organisations: register, change and retire carers' organisations, and every organisation's contacts.

Reads `carers_organisations.sql` through the outreach module; every change is in the audit log.
"""

import tempfile
from datetime import date
from pathlib import Path

import streamlit as st

from dashboards.database import cursor
from dashboards.ui.access import require_role
from dashboards.ui.components import escape_markdown, isolate
from pipelines.errors import PipelineError
from pipelines.outreach import organisations
from pipelines.outreach.contacts import add_contact, contacts_of, remove_contact

admin = require_role("administrator")
con = cursor()
st.title("Organisations and contacts")
st.write(
    "Carers' organisations are registered here; commissioners (PCTs, CCGs, ICBs, councils) come from the "
    "reference data. Contacts receive the invitation e-mails of any organisation."
)
registered = organisations.carers_organisations(con)
st.dataframe(registered, hide_index=True, key="admin_organisations_table")
names = dict(zip(registered["code"], registered["name"], strict=True))

with (
    st.expander("Register a carers' organisation", expanded=registered.empty),
    st.form("register", clear_on_submit=True),
):
    name = st.text_input("Name", key="register_name")
    area = st.text_input("Area it serves: the council, ICB, CCG, PCT or SHA code", key="register_area")
    code = st.text_input("Its code (leave empty and one is given, like CO-0001)", key="register_code")
    works_with = st.text_input("Commissioners it works with: codes, comma separated", key="register_works_with")
    funded_by = st.text_input("Commissioners that fund it: codes, comma separated", key="register_funded_by")
    contact_name = st.text_input("Contact's name", key="register_contact_name")
    contact_email = st.text_input("Contact's e-mail (receives invitations)", key="register_contact_email")
    if st.form_submit_button("Register", type="primary"):
        con.begin()
        try:
            made = organisations.register(
                con,
                name,
                area,
                code=code or None,
                works_with=works_with.split(","),
                funded_by=funded_by.split(","),
                by=admin.username,
            )
            if contact_email.strip():
                add_contact(con, made, contact_email, contact_name or None, by=admin.username)
            con.commit()
            st.success(
                f"{escape_markdown(name.strip())} is registered as {escape_markdown(made)}. "
                "Give it an account on the Accounts page."
            )
        except PipelineError as error:
            con.rollback()
            st.error(escape_markdown(error))  # it quotes what was typed or the file held

with st.expander("Register many from a CSV file"):
    st.caption("Columns: " + ", ".join(organisations.COLUMNS) + " (name and area required; codes separated by ;).")
    upload = st.file_uploader("Organisations CSV", type="csv", key="register_file")
    if upload is not None and st.button("Register the file's organisations", key="register_file_go"):
        with tempfile.TemporaryDirectory() as folder:  # the copy goes when the import ends
            path = Path(folder) / Path(upload.name).name
            path.write_bytes(upload.getvalue())
            try:
                done = organisations.import_organisations(con, path, by=admin.username)
                st.success(
                    f"{len(done.registered)} registered, {len(done.updated)} updated, {done.contacts} contact(s) added."
                )
            except PipelineError as error:
                st.error(escape_markdown(error))

st.subheader("Contacts")
target = st.text_input("Organisation code (a carers' organisation or a commissioner)", key="contacts_org").strip()
if target:
    for email in contacts_of(con, target.upper()):
        left, right = st.columns([4, 1])
        left.write(escape_markdown(email))
        if right.button("Remove", key=f"remove_{email}"):
            remove_contact(con, target.upper(), email, by=admin.username)
            st.rerun()
    with st.form("contact", clear_on_submit=True):
        email = st.text_input("E-mail", key="contact_email")
        person = st.text_input("Name", key="contact_name")
        if st.form_submit_button("Add contact"):
            try:
                add_contact(con, target.upper(), email, person or None, by=admin.username)
                st.success(
                    f"{escape_markdown(email.strip())} will receive {escape_markdown(target.upper())}'s invitations."
                )
            except PipelineError as error:
                st.error(escape_markdown(error))

st.subheader("Importing their own files")
st.caption("An organisation allowed here may upload files of its own ratings or returns on Import a file.")
importer = st.text_input("Organisation code", key="imports_org").strip()
left, right = st.columns(2)
for column, allowed, label in ((left, True, "Allow its imports"), (right, False, "Stop its imports")):
    if column.button(label, key=f"imports_{allowed}", disabled=not importer):
        try:
            organisations.allow_imports(con, importer, allowed, by=admin.username)
            st.success(
                f"{escape_markdown(importer.upper())} "
                f"{'may now import' if allowed else 'can no longer import'} its own files."
            )
        except PipelineError as error:
            st.error(escape_markdown(error))

if names:
    st.subheader("Retire a carers' organisation")
    st.caption("It is no longer asked from the day chosen; its past ratings still count in past waves.")
    leaving = st.selectbox(
        "Organisation", list(names), index=None, format_func=lambda c: f"{isolate(names[c])} ({c})", key="retire_org"
    )
    last_day = st.date_input("Last day it is asked", date.today(), key="retire_on")
    if st.button("Retire", key="retire_go", disabled=leaving is None) and leaving is not None:
        organisations.retire(con, leaving, last_day, by=admin.username)
        st.success(f"{escape_markdown(names[leaving])} is retired from {last_day:%d %B %Y}.")
