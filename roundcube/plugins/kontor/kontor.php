<?php

/**
 * Kontor's additions to Roundcube's settings:
 * - after a password change (through the password plugin's Kontor driver) a box that says what to do
 *   in the mail program next, with a link to Kontor's automatic set-up page for the mailbox;
 * - a settings section linking back to Kontor's self-service for what Kontor manages (forwarding,
 *   spam filter, black-/whitelist, mail program set-up).
 * Config: kontor_public_url (Kontor's address as users reach it).
 */
class kontor extends rcube_plugin
{
    public $task = 'settings';

    private $rc;
    private $changed = false;

    function init()
    {
        $this->rc = rcmail::get_instance();
        $this->add_texts('localization/');
        // Touch-sized links on phones (the links page and the box after a password change). Not
        // include_stylesheet(): that looks for the file below Roundcube's own plugins folder, and this
        // plugin lives in Kontor's (scripts/roundcube.ts links it into the served plugins/ folder).
        if ($this->rc->output->type == 'html') {
            $this->rc->output->include_css('plugins/kontor/kontor.css');
        }
        $this->add_hook('settings_actions', [$this, 'settings_actions']);
        $this->add_hook('password_change', [$this, 'password_changed']);
        // The password form is the settings page's "plugin.body" object; this hook sees its HTML.
        $this->add_hook('template_object_plugin.body', [$this, 'password_body']);
        $this->register_action('plugin.kontor', [$this, 'links_page']);
    }

    function settings_actions($args)
    {
        $args['actions'][] = [
            'action' => 'plugin.kontor',
            'class'  => 'kontor',
            'label'  => 'moresettings',
            'title'  => 'moresettingstitle',
            'domain' => 'kontor',
        ];
        return $args;
    }

    function password_changed($args)
    {
        $this->changed = true;
        return $args;
    }

    /** Puts the next-steps box at the top of the password form once the change went through. */
    function password_body($args)
    {
        if (!$this->changed || strpos($args['content'], 'id="password-form"') === false) {
            return $args;
        }
        $setup = $_SESSION['kontor_setup_url'] ?? $this->kontor_url('/mailbox/setup');
        $box = html::div(['class' => 'boxinformation', 'id' => 'kontor-password-changed', 'role' => 'status'],
            html::p(null, html::tag('strong', null, rcube::Q($this->gettext('changedtitle'))))
            . html::p(null, rcube::Q($this->gettext('changedclients')))
            . html::p(null, html::a(['href' => $setup, 'target' => '_blank', 'rel' => 'noopener'], rcube::Q($this->gettext('setuplink'))))
        );
        $args['content'] = preg_replace('/(<form[^>]*id="password-form"[^>]*>)/', '$1' . str_replace('$', '\$', $box), $args['content'], 1);
        return $args;
    }

    function links_page()
    {
        $this->register_handler('plugin.body', [$this, 'links_body']);
        $this->rc->output->set_pagetitle($this->gettext('moresettingstitle'));
        $this->rc->output->send('plugin');
    }

    function links_body()
    {
        $items = '';
        foreach ([
            'forwards' => '/mailbox/forwards',
            'spam' => '/mailbox/spam',
            'autoresponder' => '/mailbox/autoresponder',
            'senders' => '/mailbox/sender-lists',
            'setup' => '/mailbox/setup',
            'selfservice' => '/mailbox',
        ] as $label => $path) {
            $items .= html::tag('li', null, html::a(['href' => $this->kontor_url($path), 'target' => '_blank', 'rel' => 'noopener'], rcube::Q($this->gettext('link_' . $label))));
        }
        return html::div(['id' => 'prefs-title', 'class' => 'boxtitle'], rcube::Q($this->gettext('moresettingstitle')))
            . html::div(['class' => 'box formcontainer scroller'],
                html::div(['class' => 'boxcontent formcontent'],
                    html::p(null, rcube::Q($this->gettext('moresettingsintro')))
                    . html::tag('ul', ['id' => 'kontor-links'], $items)
                )
            );
    }

    private function kontor_url($path)
    {
        return rtrim((string) $this->rc->config->get('kontor_public_url'), '/') . $path;
    }
}
