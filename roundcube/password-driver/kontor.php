<?php

/**
 * Kontor driver for Roundcube's password plugin (password_driver = 'kontor').
 *
 * Kontor owns every mailbox password: this driver asks Kontor's endpoint (kontor_api_url) to change
 * it, authenticated by the shared secret (kontor_api_secret) and the mailbox's current password.
 * Kontor checks the current password (counting wrong answers toward its lock), applies its one
 * password policy, stores the hash Dovecot checks, ends other sessions, writes the audit entry and
 * sends the change notice. Its answer carries the reason in the user's language, shown as is.
 *
 * Passwords are never logged here; the request goes to the configured URL only.
 */
class rcube_kontor_password
{
    /**
     * The plugin compares the current password with the session's before calling save(). Here that
     * comparison is Kontor's: a local refusal would not count toward Kontor's lock, so a stolen
     * Roundcube session could guess the password without limit. Returning null defers the check.
     */
    function compare($curpass, $newpass, $type)
    {
        return null;
    }

    function save($curpass, $newpass, $username)
    {
        $rcmail = rcmail::get_instance();
        $url = (string) $rcmail->config->get('kontor_api_url');
        $secret = (string) $rcmail->config->get('kontor_api_secret');
        if ($url === '' || $secret === '') {
            return $this->unreachable($rcmail);
        }

        $language = substr((string) ($_SESSION['language'] ?? 'de_DE'), 0, 2);
        $body = json_encode([
            'user' => (string) $username,
            'currentPassword' => (string) $curpass,
            'newPassword' => (string) $newpass,
            'language' => $language,
            'clientIp' => rcube_utils::remote_ip(),
        ]);

        $context = stream_context_create([
            'http' => [
                'method' => 'POST',
                'header' => "Content-Type: application/json\r\n"
                    . 'Authorization: Bearer ' . $secret . "\r\n",
                'content' => $body,
                'timeout' => 20,
                'ignore_errors' => true,
                'follow_location' => 0,
            ],
        ]);

        $response = @file_get_contents($url, false, $context);
        $status = 0;
        if (isset($http_response_header[0]) && preg_match('#^HTTP/\S+\s+(\d{3})#', $http_response_header[0], $m)) {
            $status = (int) $m[1];
        }
        $answer = is_string($response) ? json_decode($response, true) : null;

        if ($status === 200 && is_array($answer) && !empty($answer['ok'])) {
            if (!empty($answer['setupUrl']) && is_string($answer['setupUrl'])) {
                $_SESSION['kontor_setup_url'] = $answer['setupUrl'];
            }
            return PASSWORD_SUCCESS;
        }

        // A refusal Kontor explains (wrong current password, locked, policy): its own words.
        if ($status === 422 && is_array($answer) && !empty($answer['messages']) && is_array($answer['messages'])) {
            $messages = array_filter($answer['messages'], 'is_string');
            return ['code' => PASSWORD_ERROR, 'message' => implode(' ', $messages)];
        }

        rcube::write_log('errors', sprintf('Kontor password endpoint answered %d for %s', $status, $username));
        return $this->unreachable($rcmail);
    }

    /** Strength is Kontor's to judge at save time; the form only shows its rules. */
    function check_strength($passwd)
    {
        return [5, null];
    }

    function strength_rules()
    {
        return [rcmail::get_instance()->gettext('kontor.policyhint')];
    }

    private function unreachable($rcmail)
    {
        return ['code' => PASSWORD_CONNECT_ERROR, 'message' => $rcmail->gettext('kontor.unreachable')];
    }
}
