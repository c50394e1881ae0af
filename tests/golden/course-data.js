window.COURSE_DATA = {
 "schema": 1,
 "tracking": "scorm12",
 "course": {
  "id": "urn:uuid:COURSE-UUID",
  "title": "Fire safety <basics> & “drills”",
  "description": "What to do when the alarm rings.",
  "language": "en",
  "author": "Safety Team",
  "version": "1.0",
  "completion": "all_items",
  "completionThreshold": 1.0,
  "masteryScore": 80.0,
  "resume": "always",
  "unrecorded": "continue",
  "cover": false,
  "certificate": false,
  "objectives": [],
  "endMessage": "",
  "duration": 299.0
 },
 "theme": {
  "name": "Studio",
  "logo": null,
  "logoAlt": "",
  "favicon": null,
  "buttonStyle": "solid",
  "strings": {}
 },
 "modules": [
  {
   "id": "mod_M1",
   "title": "Basics",
   "lessons": [
    {
     "id": "les_L1",
     "title": "The alarm",
     "items": [
      {
       "id": "itm_I1",
       "kind": "video",
       "title": "When the alarm rings",
       "src": "media/36bda4868be79b4054c9842f86181ca5.mp4",
       "start": 2.0,
       "end": 30.0,
       "duration": 28.0,
       "poster": null,
       "captions": [],
       "cues": [
        {
         "id": "cue_C1",
         "time": 10.0,
         "mustAnswer": true,
         "questions": [
          {
           "id": "q_Q1",
           "type": "truefalse",
           "prompt": "Use the lift?",
           "points": 1.0,
           "pool": "quiz",
           "feedback": {
            "correct": "Right.",
            "incorrect": "Never the lift."
           },
           "media": null,
           "answer": false,
           "version": "a1677e8e858e0e47"
          }
         ]
        }
       ],
       "source": {
        "in": 2.0,
        "out": 30.0,
        "version": "36bda4868be79b40"
       }
      },
      {
       "id": "itm_I2",
       "kind": "slide",
       "title": "Exits",
       "image": "media/bba4b0f18cf93d08a914417bbfd7f67c.png",
       "alt": "Exits",
       "text": "Green signs",
       "notes": "Follow the green signs.",
       "duration": 6.0,
       "audio": "media/01f2b64e04603dd0ca9bff4819940b99.m4a",
       "captions": []
      },
      {
       "id": "itm_I3",
       "kind": "page",
       "title": "Summary",
       "blocks": [
        {
         "type": "heading",
         "text": "Remember"
        },
        {
         "type": "paragraph",
         "text": "Stay calm. Walk."
        },
        {
         "type": "list",
         "ordered": false,
         "items": [
          "Leave bags",
          "Close doors"
         ]
        },
        {
         "type": "list",
         "ordered": true,
         "items": [
          "Alarm",
          "Exit"
         ]
        }
       ]
      }
     ]
    },
    {
     "id": "les_L2",
     "title": "Check yourself",
     "items": [
      {
       "id": "itm_I4",
       "kind": "quiz",
       "title": "Fire quiz",
       "passMark": 75.0,
       "attempts": 2,
       "shuffle": true,
       "draw": null,
       "showAnswers": "after_pass",
       "weight": 1.0,
       "questions": [
        {
         "id": "q_Q2",
         "type": "choice",
         "prompt": "Which extinguisher for oil?",
         "points": 2.0,
         "pool": "quiz",
         "feedback": {
          "correct": "",
          "incorrect": ""
         },
         "media": null,
         "choices": [
          {
           "correct": false,
           "feedback": "Never.",
           "id": "a",
           "text": "Water"
          },
          {
           "correct": true,
           "feedback": "",
           "id": "b",
           "text": "Foam"
          }
         ],
         "version": "f8c153ad988589ed"
        },
        {
         "id": "q_Q3",
         "type": "fill",
         "prompt": "Emergency number?",
         "points": 1.0,
         "pool": "quiz",
         "feedback": {
          "correct": "",
          "incorrect": ""
         },
         "media": null,
         "answers": [
          "112"
         ],
         "caseSensitive": false,
         "normaliseSpace": true,
         "version": "3b346abf65a2c82c"
        },
        {
         "id": "q_Q4",
         "type": "numeric",
         "prompt": "Minutes to assemble?",
         "points": 1.0,
         "pool": "quiz",
         "feedback": {
          "correct": "",
          "incorrect": ""
         },
         "media": null,
         "min": 1,
         "max": 3,
         "version": "2e46db063df845b4"
        },
        {
         "id": "q_Q5",
         "type": "likert",
         "prompt": "Did you like it?",
         "points": 1.0,
         "pool": "quiz",
         "feedback": {
          "correct": "",
          "incorrect": ""
         },
         "media": null,
         "scale": [
          {
           "id": "1",
           "text": "No"
          },
          {
           "id": "2",
           "text": "Yes"
          }
         ],
         "version": "281276aa3e101c1d"
        }
       ]
      }
     ]
    }
   ]
  },
  {
   "id": "mod_M2",
   "title": "Drills",
   "lessons": [
    {
     "id": "les_L3",
     "title": "Yearly drill",
     "items": [
      {
       "id": "itm_I5",
       "kind": "page",
       "title": "Plan",
       "blocks": [
        {
         "type": "paragraph",
         "text": "Once a year, everyone walks out."
        }
       ]
      }
     ]
    }
   ]
  }
 ]
};
