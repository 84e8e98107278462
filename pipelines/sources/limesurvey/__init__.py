"""LimeSurvey through RemoteControl 2: the citric client, the answer mapping, the sync and the .lss export."""
