/**
 * A user's settings: the groups the OpenAPI document describes (`schedule_meeting`, `in_meeting`,
 * `recording`, `feature`) and, read and written apart as on Zoom (`option=meeting_security`),
 * `meeting_security`. Updates merge field by field within a group.
 */
export interface UserSettings {
  schedule_meeting: Record<string, unknown>;
  in_meeting: Record<string, unknown>;
  recording: Record<string, unknown>;
  feature: Record<string, unknown>;
  meeting_security: Record<string, unknown>;
}

export function defaultUserSettings(): UserSettings {
  return {
    schedule_meeting: {
      host_video: false,
      participants_video: false,
      join_before_host: false,
      audio_type: "both",
      personal_meeting: true,
      use_pmi_for_scheduled_meetings: false,
      use_pmi_for_instant_meetings: false,
      require_password_for_scheduled_meetings: true,
      embed_password_in_join_link: true,
    },
    in_meeting: {
      chat: true,
      co_host: true,
      breakout_room: false,
      closed_caption: true,
      file_transfer: false,
      allow_live_streaming: false,
      entry_exit_chime: "none",
      meeting_reactions: true,
    },
    recording: {
      local_recording: true,
      cloud_recording: true,
      auto_recording: "none",
      auto_delete_cmr: false,
      auto_delete_cmr_days: 30,
      record_audio_file: true,
      save_chat_text: true,
      recording_audio_transcript: true,
    },
    feature: {
      meeting_capacity: 100,
      large_meeting: false,
      large_meeting_capacity: 500,
      webinar: true,
      zoom_phone: false,
    },
    meeting_security: {
      waiting_room: true,
      meeting_password: true,
      phone_password: false,
      embed_password_in_join_link: true,
      require_password_for_scheduled_meeting: true,
      require_password_for_scheduled_webinar: true,
      only_authenticated_can_join_from_webclient: false,
      encryption_type: "enhanced_encryption",
      end_to_end_encrypted_meetings: false,
      auto_security: true,
    },
  };
}

/** The body of `GET /users/{userId}/settings`: the security group alone with `option=meeting_security`. */
export function settingsBody(settings: UserSettings, option: string | undefined): Record<string, unknown> {
  if (option === "meeting_security") return { meeting_security: settings.meeting_security };
  const { meeting_security: _, ...groups } = settings;
  return groups;
}

/** Merges an update, group by group (unknown groups are ignored, as Zoom ignores unknown fields). */
export function mergeSettings(
  settings: UserSettings,
  patch: Partial<Record<keyof UserSettings, Record<string, unknown>>>,
): void {
  for (const group of Object.keys(settings) as (keyof UserSettings)[]) {
    const values = patch[group];
    if (values) Object.assign(settings[group], values);
  }
}
