from pipelines.outreach.tokens import find_invitation, hash_token, issue_invitation, mark_completed
from pipelines.outreach.waves import ensure_wave
from tests.conftest import scalar


def test_a_token_is_stored_only_as_its_hash_and_works_once(con):
    wave = ensure_wave(con, "carer_experience", "2026-Q4")
    token = issue_invitation(con, wave, channel="post", sample_ref="S001")
    assert scalar(con, "select count(*) from invitations where token_hash = ?", [token]) == 0
    assert scalar(con, "select token_hash from invitations") == hash_token(token)
    found = find_invitation(con, token)
    assert found is not None
    assert (found.sample_ref, found.completed) == ("S001", False)
    assert mark_completed(con, found.invitation_id) is True
    assert mark_completed(con, found.invitation_id) is False
    again = find_invitation(con, token)
    assert again is not None and again.completed is True
    assert find_invitation(con, "NOT-A-REAL-TOKEN") is None
