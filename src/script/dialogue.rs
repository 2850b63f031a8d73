//! Scripts for two or more hosts: paragraphs that begin with a speaker label.
